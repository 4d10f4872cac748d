package io.paddock.identity.control;

import java.util.Objects;
import java.util.UUID;

import io.paddock.identity.entity.MemberState;
import io.paddock.identity.entity.User;

/**
 * A user as other modules see one: a value, not the JPA entity, so nothing outside identity can change
 * a user or lazy-load its relations by accident. {@code verifiedMember} is WinPodiums' member state.
 */
public record UserRef(UUID id, String displayName, boolean verifiedMember) {

    public UserRef {
        Objects.requireNonNull(id);
    }

    static UserRef of(User user) {
        return new UserRef(user.id(), user.displayName(), user.memberState() == MemberState.VERIFIED);
    }
}
