package io.paddock.admin.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A line diff of two values for people reading the configuration history: the longest common subsequence
 * of lines, each line kept ({@code " "}), removed ({@code "-"}) or added ({@code "+"}). Values are short
 * (at most a few thousand characters), so the quadratic table is cheap.
 */
public final class TextDiff {

    /** One line of a diff. */
    public record Line(String op, String text) {
    }

    private static final int MAX_LINES = 400;

    private TextDiff() {
    }

    public static List<Line> of(String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        if (a.size() > MAX_LINES || b.size() > MAX_LINES) {
            List<Line> whole = new ArrayList<>();
            a.forEach(line -> whole.add(new Line("-", line)));
            b.forEach(line -> whole.add(new Line("+", line)));
            return whole;
        }
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Line> diff = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            if (a.get(i).equals(b.get(j))) {
                diff.add(new Line(" ", a.get(i++)));
                j++;
            } else if (common[i + 1][j] >= common[i][j + 1]) {
                diff.add(new Line("-", a.get(i++)));
            } else {
                diff.add(new Line("+", b.get(j++)));
            }
        }
        while (i < a.size()) {
            diff.add(new Line("-", a.get(i++)));
        }
        while (j < b.size()) {
            diff.add(new Line("+", b.get(j++)));
        }
        return diff;
    }

    private static List<String> lines(String value) {
        return value == null ? Collections.emptyList() : List.of(value.split("\\R", -1));
    }
}
