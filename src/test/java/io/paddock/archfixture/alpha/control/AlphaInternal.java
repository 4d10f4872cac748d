package io.paddock.archfixture.alpha.control;

/** Not published by alpha. */
public class AlphaInternal {

    public static int answer() {
        return 42;
    }
}
