// The privileged actions on users and races, as buttons of the console's panels (registerAction): each asks for
// a reason and a ticket (justify) and is recorded in the audit log by the server.
import { api, notice } from '/js/paddock.js';
import { justify } from '/js/admin/justify.js';
import { registerAction } from '/js/admin/roles.js';

const OVER = ['finished', 'cancelled'];

function post(path, body) {
  return api(path, { method: 'POST', quiet: true, body });
}

function userPath(user, action) {
  return `/api/admin/users/${encodeURIComponent(user.id)}/${action}`;
}

function racePath(race, action) {
  return `/api/admin/races/${encodeURIComponent(race.id)}/${action}`;
}

/** One justified action: the dialog, then a notice and the panel reloaded once it is done. */
function justified(dialog, done) {
  return async (record, reload) => {
    const result = await justify(dialog(record));
    if (result) {
      notice(done(record));
      await reload();
    }
  };
}

registerAction('user', {
  label: 'Sign out everywhere…', minRole: 'admin',
  run: justified((user) => ({
    title: `Sign ${user.displayName} out everywhere`,
    text: 'Ends every browser session and refresh token of the account. Access tokens already issued run out within minutes.',
    confirmLabel: 'Sign out',
    act: ({ reason, ticketId }) => post(userPath(user, 'sign-out'), { reason, ticketId }),
  }), (user) => `${user.displayName} is signed out everywhere.`),
});

registerAction('user', {
  label: 'Suspend…', minRole: 'admin', danger: true, when: (user) => !user.suspendedAt,
  run: justified((user) => ({
    title: `Suspend ${user.displayName}`,
    text: 'Every credential of the account stops working at once, on every node, and its open sockets close. Restoring gives them back.',
    confirmLabel: 'Suspend', danger: true,
    act: ({ reason, ticketId }) => post(userPath(user, 'suspend'), { reason, ticketId }),
  }), (user) => `${user.displayName} is suspended.`),
});

registerAction('user', {
  label: 'Restore…', minRole: 'admin', when: (user) => Boolean(user.suspendedAt),
  run: justified((user) => ({
    title: `Restore ${user.displayName}`,
    text: 'The account\'s unexpired credentials work again.',
    confirmLabel: 'Restore',
    act: ({ reason, ticketId }) => post(userPath(user, 'restore'), { reason, ticketId }),
  }), (user) => `${user.displayName} is restored.`),
});

registerAction('race', {
  label: 'Cancel race…', minRole: 'admin', danger: true, when: (race) => !OVER.includes(race.status),
  run: justified((race) => ({
    title: `Cancel ${race.name}`,
    text: 'Spectators and mods are told; the race takes no more changes and its packs are no longer served.',
    confirmLabel: 'Cancel the race', danger: true,
    act: ({ reason, ticketId }) => post(racePath(race, 'cancel'), { reason, ticketId }),
  }), (race) => `${race.name} is cancelled.`),
});

registerAction('race', {
  label: 'Reset…', minRole: 'admin', when: (race) => ['open', 'countdown', 'running', 'finished'].includes(race.status),
  run: justified((race) => ({
    title: `Reset ${race.name}`,
    text: 'Back to open keeps a started race\'s results as an attempt; back to draft is only before packs go out.',
    confirmLabel: 'Reset',
    fields: [{ name: 'to', label: 'Back to', type: 'select', options: [['open', 'open'], ['draft', 'draft']] }],
    act: ({ to, reason, ticketId }) => post(racePath(race, 'reset'), { to, reason, ticketId }),
  }), (race) => `${race.name} is reset.`),
});

registerAction('race', {
  label: 'Remove a participant…', minRole: 'admin',
  when: (race) => ['draft', 'open'].includes(race.status) && (race.participants || []).length > 0,
  run: justified((race) => ({
    title: `Remove a participant of ${race.name}`,
    text: 'The participant\'s mod token stops working and their mod socket closes.',
    confirmLabel: 'Remove', danger: true,
    fields: [{ name: 'participant', label: 'Participant', type: 'select',
      options: race.participants.map((p) => [p.id, p.twitch_display_name || p.twitch_username]) }],
    act: ({ participant, reason, ticketId }) => post(
      `${racePath(race, 'participants')}/${encodeURIComponent(participant)}/remove`, { reason, ticketId }),
  }), () => 'The participant is removed.'),
});

registerAction('race', {
  label: 'Delete draft…', minRole: 'admin', danger: true, when: (race) => race.status === 'draft',
  run: async (race) => {
    const deleted = await justify({
      title: `Delete ${race.name}`,
      text: 'The draft, its participants and invites are deleted and its seed discarded.',
      confirmLabel: 'Delete', danger: true,
      act: ({ reason, ticketId }) => post(racePath(race, 'delete'), { reason, ticketId }),
    });
    if (deleted) {
      notice(`${race.name} is deleted.`);
      document.getElementById('race-detail').hidden = true;
    }
  },
});
