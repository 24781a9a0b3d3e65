package io.asyncorm.result;

import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.MultipleResultsFound;
import io.asyncorm.exception.NoResultFound;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The fetch logic of the three buffered views (rows, scalars, mappings); each public view casts the
 * elements to its own type. Not safe for concurrent use, like the results themselves.
 */
abstract class BufferedView<E> {

    static final Object END = new Object();

    final BufferedCursor cursor;

    final ViewFilter filter;

    BufferedView(BufferedCursor cursor, ViewFilter filter) {
        this.cursor = cursor;
        this.filter = filter;
    }

    final @Nullable Object nextElement() {
        while (true) {
            Row row = this.cursor.next();
            if (row == null) {
                return END;
            }
            Object element = this.filter.apply(row);
            if (element != ViewFilter.SKIP) {
                return element;
            }
        }
    }

    @SuppressWarnings("unchecked")
    final List<E> fetchElements(int max) {
        // Sized for the rows left (a filter may skip some): all() of a large result does not grow its list by copies.
        List<E> elements = new ArrayList<>(Math.min(max, this.cursor.remaining()));
        while (elements.size() < max) {
            Object element = nextElement();
            if (element == END) {
                break;
            }
            elements.add((E) element);
        }
        return elements;
    }

    final List<List<E>> partitionElements(int size) {
        requirePositive(size);
        List<List<E>> partitions = new ArrayList<>();
        for (List<E> part = fetchElements(size); !part.isEmpty(); part = fetchElements(size)) {
            partitions.add(part);
        }
        return partitions;
    }

    /** The first element (END when none); hard-closes the cursor, discarding the rest. */
    final @Nullable Object firstElement() {
        Object element = nextElement();
        this.cursor.hardClose();
        return element;
    }

    /** The only element (END when none and that is allowed); fails on a second one. */
    final @Nullable Object onlyElement(boolean required) {
        Object element = nextElement();
        if (element == END) {
            if (required) {
                throw new NoResultFound();
            }
            return END;
        }
        if (nextElement() != END) {
            this.cursor.hardClose();
            throw required ? MultipleResultsFound.exactlyOne() : MultipleResultsFound.oneOrNone();
        }
        return element;
    }

    static void requirePositive(int size) {
        if (size < 1) {
            throw new InvalidRequestError("A partition or fetch size must be at least 1, got " + size);
        }
    }
}
