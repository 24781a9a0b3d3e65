package io.asyncorm.samples;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One hostile request to the sample: where it goes, its raw JSON body, and what it must get. A {@code stored} value
 * means the request must succeed and the value read back must be exactly what was sent; otherwise a 4xx is expected.
 *
 * @param name what the case tries
 * @param method POST or PUT
 * @param uri the path
 * @param body the raw request body
 * @param stored the title or borrower that must be stored verbatim, or null when a 4xx is expected
 */
record HostileInput(String name, String method, String uri, String body, @Nullable String stored) {

    static final String LONG_TITLE = "x".repeat(300);

    static List<HostileInput> cases() {
        String sql = "Robert'); DROP TABLE book;-- \" % _ \\";
        String unicode = "📚 كتاب ñ Ω 漢字 \u200f e\u0301";
        String fullWidth = "é".repeat(255);
        return List.of(
                book("SQL metacharacters in a title are stored verbatim", json(sql), sql),
                book("Unicode (emoji, right-to-left, combining marks) is stored verbatim", json(unicode), unicode),
                book("255 two-byte characters fit the column", json(fullWidth), fullWidth),
                book("a NUL character is refused", "\"a\\u0000b\"", null),
                book("a 300-character title is refused before any SQL", json(LONG_TITLE), null),
                new HostileInput("a 10,000-character borrower is refused", "POST", "/books/{book}/loans",
                        "{\"borrower\": " + json("b".repeat(10_000)) + "}", null),
                new HostileInput("a NUL in a borrower is refused", "POST", "/books/{book}/loans", "{\"borrower\": \"x\\u0000\"}", null),
                new HostileInput("a 300-character rename is refused", "PUT", "/books/{book}/title",
                        "{\"title\": " + json(LONG_TITLE) + ", \"version\": 1}", null),
                new HostileInput("copies out of range", "POST", "/books", newBook("\"ok\"", "99999999999999999999", "\"9780000000001\""), null),
                new HostileInput("copies of the wrong type", "POST", "/books", newBook("\"ok\"", "\"many\"", "\"9780000000002\""), null),
                new HostileInput("an ISBN with SQL in it", "POST", "/books", newBook("\"ok\"", "1", "\"1' or '1'='1\""), null),
                new HostileInput("a tag of 300 characters", "POST", "/books",
                        "{\"title\": \"ok\", \"isbn\": \"9780000000003\", \"copies\": 1, \"authorId\": 1, \"tags\": [" + json(LONG_TITLE) + "]}", null),
                new HostileInput("malformed JSON", "POST", "/books", "{\"title\": ", null),
                new HostileInput("an empty body", "POST", "/books", "", null),
                new HostileInput("a huge body (2 MB)", "POST", "/books", "{\"title\": " + json("h".repeat(2_000_000)) + "}", null),
                new HostileInput("a version of the wrong type", "PUT", "/books/{book}/title", "{\"title\": \"t\", \"version\": \"one\"}", null));
    }

    private static HostileInput book(String name, String titleJson, @Nullable String stored) {
        return new HostileInput(name, "POST", "/books", newBook(titleJson, "1", null), stored);
    }

    private static String newBook(String titleJson, String copies, @Nullable String isbn) {
        return "{\"title\": " + titleJson + ", \"isbn\": " + (isbn != null ? isbn : "\"{isbn}\"") + ", \"copies\": " + copies
                + ", \"authorId\": 1}";
    }

    /** A JSON string literal. */
    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** The fields a book read back has. */
    static @Nullable Object title(Map<?, ?> book) {
        return book.get("title");
    }
}
