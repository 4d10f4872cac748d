package io.paddock.archfixture.beta.control;

import io.paddock.archfixture.alpha.control.AlphaApi;
import io.paddock.archfixture.alpha.entity.Member;

/** Published by beta; uses alpha only as allowed. */
public class BetaApi {

    public int size() {
        return 1;
    }

    public String describe(AlphaApi alpha, Member member) {
        return alpha.name() + ":" + member.id();
    }
}
