package io.paddock.archfixture.alpha.entity;

import java.util.UUID;

/** Alpha's association target: other modules may hold it and read its id. */
public class Member {

    private final UUID id = UUID.randomUUID();
    private String name = "member";

    public UUID id() {
        return id;
    }

    public void rename(String newName) {
        name = newName;
    }

    public String name() {
        return name;
    }
}
