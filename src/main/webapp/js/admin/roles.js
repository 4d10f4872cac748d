// Staff roles in rising order: support reads, admin acts, superadmin manages admins and configuration.
const ORDER = ['user', 'support', 'admin', 'superadmin'];

/** Whether `role` is at least `least`. */
export function atLeast(role, least) {
  return ORDER.indexOf(role) >= ORDER.indexOf(least);
}

/**
 * Buttons other parts of the console add to a record's panel: {label, minRole, danger, when(record), run(record,
 * reload)}; `when` (optional) says whether the record's state allows the action.
 * Users' (suspend, sign out everywhere …), members' and races' (cancel …) actions register here, and the panel shows those the
 * signed-in role may use.
 */
export const ACTIONS = { user: [], member: [], race: [] };

export function registerAction(kind, action) {
  (ACTIONS[kind] ||= []).push(action);
}
