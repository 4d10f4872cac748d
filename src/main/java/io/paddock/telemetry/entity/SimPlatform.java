package io.paddock.telemetry.entity;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The sims the plugin reads telemetry from; JSON uses the sims' own spelling. */
public enum SimPlatform {
    IRACING("iRacing"), ACC("ACC"), RFACTOR2("rFactor2");

    private final String label;

    SimPlatform(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** Accepts the label in any case ("iRacing", "iracing", "ACC", "rFactor2"); null when unknown. */
    @JsonCreator
    public static SimPlatform of(String label) {
        if (label == null) {
            return null;
        }
        return Arrays.stream(values()).filter(p -> p.label.equalsIgnoreCase(label.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("sim platform must be iRacing, ACC or rFactor2"));
    }
}
