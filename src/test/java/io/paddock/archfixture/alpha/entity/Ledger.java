package io.paddock.archfixture.alpha.entity;

/** An alpha entity that is no association target. */
public class Ledger {

    public long balance() {
        return 0;
    }
}
