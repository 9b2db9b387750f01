package io.toolcatalog.core.store;

import java.util.Arrays;
import java.util.List;

/**
 * The elements of a one-dimensional {@code text[]} read from the text PostgreSQL prints for it
 * ({@code array_out}): {@code {a,"b c","say \"hi\"",NULL}}, after its bounds when they do not start
 * at 1 ({@code [0:1]={a,b}}). PostgreSQL quotes an element that is empty, reads {@code NULL} in any
 * case, or holds a quote, a backslash, a brace, a comma or white space, and inside quotes puts a
 * backslash before each quote and backslash; an unquoted {@code NULL} is a NULL element. Read here
 * rather than through the driver's {@code getArray}, whose generic parser (type lookups, a builder per
 * element) was about a third of a full reload. Anything else PostgreSQL would not print for a
 * one-dimensional array, and a NULL element (which {@link List} cannot hold), is refused.
 */
final class TextArrayLiteral {

    private final String text;
    private int at;

    private TextArrayLiteral(String text) {
        this.text = text;
    }

    /** The elements of {@code literal}, in order; none for SQL NULL. */
    static List<String> elements(String literal) {
        if (literal == null) {
            return List.of();
        }
        try {
            return new TextArrayLiteral(literal).read();
        } catch (IndexOutOfBoundsException e) {
            throw refused(literal, "it ends early");
        }
    }

    private List<String> read() {
        if (text.charAt(0) == '[') { // bounds, dropped as the driver drops them: a List starts at 0
            at = text.indexOf('=') + 1;
        }
        expect('{');
        if (text.charAt(at) == '}') {
            at++;
            return end(List.of());
        }
        String[] found = new String[4];
        int count = 0;
        while (true) {
            if (count == found.length) {
                found = Arrays.copyOf(found, count * 2);
            }
            found[count++] = element();
            char next = text.charAt(at++);
            if (next == '}') {
                break;
            }
            if (next != ',') {
                throw refused(text, "'" + next + "' where a comma or '}' belongs");
            }
        }
        // the immutable list Tool keeps as it is (no copy), without a second array for one or two tags
        return end(
                switch (count) {
                    case 1 -> List.of(found[0]);
                    case 2 -> List.of(found[0], found[1]);
                    default -> List.of(Arrays.copyOf(found, count));
                });
    }

    private String element() {
        char c = text.charAt(at);
        if (c == '"') {
            return quoted();
        }
        int from = at;
        while (c != ',' && c != '}') {
            if (c == '{' || c == '"' || c == '\\') {
                throw refused(text, c == '{' ? "it has more than one dimension" : "'" + c + "' unquoted");
            }
            c = text.charAt(++at);
        }
        if (at == from) {
            throw refused(text, "an empty unquoted element");
        }
        if (at - from == 4 && text.startsWith("NULL", from)) {
            throw refused(text, "a NULL element");
        }
        return text.substring(from, at);
    }

    /** From the opening quote to past the closing one; a backslash takes the next character as it is. */
    private String quoted() {
        int from = ++at;
        StringBuilder unescaped = null;
        while (true) {
            char c = text.charAt(at);
            if (c == '"') {
                String element = unescaped == null
                        ? text.substring(from, at)
                        : unescaped.append(text, from, at).toString();
                at++;
                return element;
            }
            if (c == '\\') {
                if (unescaped == null) {
                    unescaped = new StringBuilder(at - from + 16);
                }
                unescaped.append(text, from, at);
                from = at + 1; // the escaped character starts the next run
                at += 2;
            } else {
                at++;
            }
        }
    }

    private void expect(char c) {
        if (text.charAt(at) != c) {
            throw refused(text, "no '" + c + "' at " + at);
        }
        at++;
    }

    private List<String> end(List<String> elements) {
        if (at != text.length()) {
            throw refused(text, "text after the closing '}'");
        }
        return elements;
    }

    private static IllegalStateException refused(String literal, String why) {
        return new IllegalStateException("not a one-dimensional text array without NULLs (" + why + "): " + literal);
    }
}
