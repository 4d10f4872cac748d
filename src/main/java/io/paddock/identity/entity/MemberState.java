package io.paddock.identity.entity;

/** WinPodiums' member verification: new members are pending until the verification rule holds. */
public enum MemberState {
    PENDING, VERIFIED;
}
