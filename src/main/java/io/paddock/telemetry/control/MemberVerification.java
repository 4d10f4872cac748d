package io.paddock.telemetry.control;

import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.identity.control.Accounts;
import io.paddock.identity.control.UserRef;
import io.paddock.telemetry.entity.RaceResult;

/**
 * WinPodiums' member rule: a member is verified when all three hold — a linked Discord identity (the
 * community lives on Discord), an active (not revoked) plugin installation, and at least one verified
 * result. It is evaluated whenever a result is verified; verification is never taken back automatically.
 */
@Stateless
public class MemberVerification {

    @PersistenceContext
    EntityManager em;

    @Inject
    Accounts accounts;

    @Inject
    Installations installations;

    public record Check(String name, boolean met, String detail) {
    }

    public record Report(UUID userId, String memberState, boolean ruleHolds, List<Check> checks) {
    }

    public Report explain(UUID userId) {
        UserRef user = accounts.ref(userId);
        boolean discord = accounts.hasDiscord(userId);
        boolean installation = installations.hasActive(userId);
        long verified = em.createNamedQuery(RaceResult.VERIFIED_COUNT_OF_USER, Long.class)
                .setParameter("userId", userId).getSingleResult();
        List<Check> checks = List.of(
                new Check("discord-linked", discord, discord ? "A Discord account is linked."
                        : "No Discord account is linked."),
                new Check("active-installation", installation, installation ? "At least one plugin installation is active."
                        : "No active plugin installation (none registered, or all revoked)."),
                new Check("verified-result", verified > 0, verified + " verified result(s)."));
        boolean holds = checks.stream().allMatch(Check::met);
        return new Report(userId, user.verifiedMember() ? "verified" : "pending", holds, checks);
    }

    /** Verifies the member when the rule holds; true when the state changed. */
    public boolean evaluate(UUID userId) {
        return explain(userId).ruleHolds() && accounts.verifyMembership(userId);
    }
}
