package io.asyncorm.result;

import io.asyncorm.exception.MultipleResultsFound;
import io.asyncorm.exception.NoResultFound;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The fetch logic of the three streamed views (rows, scalars, mappings) over one {@link RowCursor};
 * each public view gives the elements its own type. Elements may be null only in the scalar view.
 */
abstract class StreamView<E> {

    final RowCursor cursor;

    final ViewFilter filter;

    final int[] chunk;

    StreamView(RowCursor cursor, ViewFilter filter, int[] chunk) {
        this.cursor = cursor;
        this.filter = filter;
        this.chunk = chunk;
    }

    /** Up to {@code count} elements after filtering; fewer only at the end. */
    final Mono<List<@Nullable E>> nextElements(int count) {
        return Mono.defer(() -> fill(new ArrayList<>(), count));
    }

    @SuppressWarnings("unchecked")
    private Mono<List<@Nullable E>> fill(List<@Nullable E> elements, int count) {
        int asked = count - elements.size();
        return this.cursor.fetch(asked).flatMap(rows -> {
            for (Row row : rows) {
                Object element = this.filter.apply(row);
                if (element != ViewFilter.SKIP) {
                    elements.add((E) element);
                }
            }
            // Fewer rows than asked means the end; an error after them is signalled by the next fetch.
            if (elements.size() >= count || rows.size() < asked) {
                return Mono.just(elements);
            }
            return fill(elements, count);
        });
    }

    /** The remaining elements in chunks, each read only when the previous one was consumed; cancel closes. */
    final <R> Flux<R> elements(Function<List<@Nullable E>, ? extends Iterable<R>> flatten) {
        return chunks(this.chunk[0]).concatMapIterable(flatten, 1);
    }

    final Flux<List<@Nullable E>> chunks(int size) {
        BufferedView.requirePositive(size);
        return Mono.defer(() -> nextElements(size))
                .repeat()
                .takeWhile(list -> !list.isEmpty())
                .doOnCancel(this.cursor::cancel);
    }

    final Mono<List<@Nullable E>> allElements() {
        return nextElements(Integer.MAX_VALUE);
    }

    /** The first element, then the cursor is closed; empty list when there is none. */
    final Mono<List<@Nullable E>> firstElement() {
        return nextElements(1).flatMap(first -> this.cursor.close().thenReturn(first));
    }

    /** The only element (empty list when none and allowed); fails on a second one. */
    final Mono<List<@Nullable E>> onlyElement(boolean required) {
        return nextElements(1).flatMap(first -> {
            if (first.isEmpty()) {
                return required ? Mono.error(new NoResultFound()) : Mono.just(first);
            }
            return nextElements(1).flatMap(second -> second.isEmpty()
                    ? this.cursor.close().thenReturn(first)
                    : this.cursor.close().then(Mono.error(required
                            ? MultipleResultsFound.exactlyOne() : MultipleResultsFound.oneOrNone())));
        });
    }
}
