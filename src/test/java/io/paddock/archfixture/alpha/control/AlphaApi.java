package io.paddock.archfixture.alpha.control;

import io.paddock.archfixture.beta.control.BetaApi;

/** Published by alpha; its use of beta closes a cycle with beta's use of it. */
public class AlphaApi {

    public String name() {
        return "alpha";
    }

    public int count(BetaApi beta) {
        return beta.size();
    }
}
