package io.paddock.archfixture.beta.control;

import io.paddock.archfixture.alpha.control.AlphaInternal;
import io.paddock.archfixture.alpha.entity.Ledger;
import io.paddock.archfixture.alpha.entity.Member;

/** Uses what alpha does not publish, an entity that is no association target, and changes the one that is. */
public class BetaReachesIn {

    Ledger ledger = new Ledger();

    int internal() {
        return AlphaInternal.answer();
    }

    void rename(Member member) {
        member.rename("changed");
    }
}
