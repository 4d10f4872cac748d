package io.paddock.archfixture.platform;

import io.paddock.archfixture.alpha.control.AlphaApi;

/** Breaks "platform depends on no module". */
public class Helper {

    public String name(AlphaApi alpha) {
        return alpha.name();
    }
}
