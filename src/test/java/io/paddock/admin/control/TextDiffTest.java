package io.paddock.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class TextDiffTest {

    @Test
    void linesKeptRemovedAndAdded() {
        assertEquals(List.of(new TextDiff.Line(" ", "a"), new TextDiff.Line("-", "b"), new TextDiff.Line("+", "B"),
                new TextDiff.Line(" ", "c")), TextDiff.of("a\nb\nc", "a\nB\nc"));
    }

    @Test
    void aFirstValueIsAllAdded() {
        assertEquals(List.of(new TextDiff.Line("+", "true")), TextDiff.of(null, "true"));
        assertEquals(List.of(new TextDiff.Line("-", "false"), new TextDiff.Line("+", "true")),
                TextDiff.of("false", "true"));
    }
}
