package io.paddock.admin.control;

/** A record found: its kind and id (for the detail endpoint), a title and a line of context. */
public record SearchHit(String type, String id, String title, String preview) {
}
