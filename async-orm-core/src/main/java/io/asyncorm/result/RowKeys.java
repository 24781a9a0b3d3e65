package io.asyncorm.result;

import io.asyncorm.exception.InvalidRequestError;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The column keys of a result, shared by all its rows, with a name lookup that falls back to a
 * case-insensitive match. Immutable.
 */
public final class RowKeys {

    private static final RowKeys EMPTY = new RowKeys(List.of());

    private final List<String> names;

    private final Map<String, Integer> exact;

    private final Map<String, Integer> folded;

    private RowKeys(List<String> names) {
        this.names = List.copyOf(names);
        this.exact = new HashMap<>(names.size() * 2);
        this.folded = new HashMap<>(names.size() * 2);
        for (int i = names.size() - 1; i >= 0; i--) {
            this.exact.put(names.get(i), i);
            this.folded.put(names.get(i).toLowerCase(Locale.ROOT), i);
        }
    }

    /**
     * Keys with the given names, in column order.
     *
     * @param names the column names or labels
     * @return the keys
     */
    public static RowKeys of(List<String> names) {
        if (names.isEmpty()) {
            return EMPTY;
        }
        // Immutable, so shared: a statement run again gets the keys it had (no two maps built per execution). Bounded;
        // when full it starts over, as the statement cache does.
        RowKeys known = INTERNED.get(names);
        if (known != null) {
            return known;
        }
        RowKeys keys = new RowKeys(names);
        if (INTERNED.size() >= MAX_INTERNED) {
            INTERNED.clear();
        }
        INTERNED.put(keys.names, keys);
        return keys;
    }

    private static final int MAX_INTERNED = 2000;

    private static final Map<List<String>, RowKeys> INTERNED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The names, in column order.
     *
     * @return an immutable list
     */
    public List<String> names() {
        return this.names;
    }

    /**
     * The number of columns.
     *
     * @return the count
     */
    public int size() {
        return this.names.size();
    }

    /**
     * The position of a column.
     *
     * @param name the column name; an exact match wins, else a case-insensitive one
     * @return the zero-based index
     * @throws InvalidRequestError when there is no such column
     */
    public int indexOf(String name) {
        Integer index = this.exact.get(name);
        if (index == null) {
            index = this.folded.get(name.toLowerCase(Locale.ROOT));
        }
        if (index == null) {
            throw new InvalidRequestError("Could not locate column in row for column '" + name
                    + "'; the row has " + this.names);
        }
        return index;
    }

    /**
     * Resolves a column given as an {@link Integer} index or a {@link String} name.
     *
     * @param key an index or a name
     * @return the zero-based index
     * @throws InvalidRequestError when the key is out of range, unknown or of another type
     */
    public int resolve(Object key) {
        if (key instanceof Integer index) {
            if (index < 0 || index >= this.names.size()) {
                throw new InvalidRequestError("Column index " + index + " is out of range; the row has "
                        + this.names.size() + " columns " + this.names);
            }
            return index;
        }
        if (key instanceof String name) {
            return indexOf(name);
        }
        throw new InvalidRequestError("A column is chosen by an Integer index or a String name, not " + key.getClass().getName());
    }

    @Override
    public String toString() {
        return this.names.toString();
    }
}
