package io.paddock.transfers.control;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import io.paddock.identity.control.Caller;
import io.paddock.platform.audit.AuditTrail;
import io.paddock.platform.audit.Justification;
import io.paddock.platform.cluster.Cluster;
import io.paddock.platform.errors.ResourceNotFoundException;

/**
 * Staff actions on transfers (admin and up): the infohash blocklist, an engine restart, housekeeping now.
 * Each runs in one transaction with its audit row, so the trail holds exactly the actions that happened.
 */
@Stateless
public class TransfersAdministration {

    @Inject
    Transfers transfers;

    @Inject
    JobRunner runner;

    @Inject
    Housekeeping housekeeping;

    @Inject
    AuditTrail audit;

    @Inject
    Cluster cluster;

    /** What housekeeping did: jobs past their retention removed, orphaned folders swept. */
    public record Housekept(int expired, int swept) {
    }

    public void block(Caller actor, String infoHash, Justification why) {
        boolean was = transfers.blocklist().stream().anyMatch(row -> infoHash.equals(row[0]));
        transfers.block(infoHash, why.reason());
        record(actor, AuditTrail.Action.of("transfers.blocklist.add", "infohash", infoHash)
                .change(was ? "blocked" : "not blocked", "blocked"), why);
    }

    public void unblock(Caller actor, String infoHash, Justification why) {
        if (!transfers.unblock(infoHash)) {
            throw new ResourceNotFoundException("not-blocked", "Not blocked", "The infohash is not on the blocklist.");
        }
        record(actor, AuditTrail.Action.of("transfers.blocklist.remove", "infohash", infoHash)
                .change("blocked", "not blocked"), why);
    }

    /** Restarts this node's engine (the row names the node); answers how many running jobs resumed from disk. */
    public int restartEngine(Caller actor, Justification why) {
        int resumed = runner.restartEngine();
        record(actor, AuditTrail.Action.of("transfers.engine.restart", "node", cluster.nodeName()).change(null,
                "resumed=" + resumed), why);
        return resumed;
    }

    public Housekept housekeeping(Caller actor, Justification why) {
        Housekept done = new Housekept(housekeeping.expire(), housekeeping.sweep());
        record(actor, AuditTrail.Action.of("transfers.housekeeping.run", "transfers", "all").change(null,
                "expired=" + done.expired() + ", swept=" + done.swept()), why);
        return done;
    }

    private void record(Caller actor, AuditTrail.Action action, Justification why) {
        audit.record(new AuditTrail.Actor(actor.userId(), actor.displayName()), action, why);
    }
}
