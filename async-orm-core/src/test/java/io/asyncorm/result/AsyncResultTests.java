package io.asyncorm.result;

import static io.asyncorm.result.ResultTests.doubled;
import static io.asyncorm.result.ResultTests.row;
import static io.asyncorm.result.ResultTests.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.MultipleResultsFound;
import io.asyncorm.exception.NoResultFound;
import io.asyncorm.exception.ResourceClosedError;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Streamed result semantics over a demand-tracking source: P4-P6, ES-13, ES-25, ES-27, ES-28. */
class AsyncResultTests {

    /** A row source that records what was requested from it and whether it was cancelled. */
    static final class Source {

        final AtomicLong requested = new AtomicLong();

        final AtomicLong emitted = new AtomicLong();

        final AtomicBoolean cancelled = new AtomicBoolean();

        final Flux<Row> flux;

        Source(List<Row> rows) {
            this.flux = Flux.fromIterable(rows)
                    .doOnRequest(this.requested::addAndGet)
                    .doOnNext(r -> this.emitted.incrementAndGet())
                    .doOnCancel(() -> this.cancelled.set(true));
        }
    }

    static AsyncResult open(List<Row> rows) {
        return AsyncResult.open(Flux.fromIterable(rows), 2).block();
    }

    @Nested
    class TerminalMethods {

        @Test
        void firstClosesSoLaterAllFails() {
            AsyncResult result = open(rows(3));
            StepVerifier.create(result.first().map(r -> r.get("id"))).expectNext(1).verifyComplete();
            StepVerifier.create(result.all()).verifyErrorSatisfies(e -> assertThat(e)
                    .isInstanceOf(ResourceClosedError.class).hasMessage("This result object is closed."));
            assertThat(result.isClosed()).isTrue();
        }

        @Test
        void allTwiceGivesAnEmptyListAndFirstAfterAllIsEmpty() {
            AsyncResult result = open(rows(3));
            StepVerifier.create(result.all()).assertNext(all -> assertThat(all).hasSize(3)).verifyComplete();
            StepVerifier.create(result.all()).expectNext(List.of()).verifyComplete();
            StepVerifier.create(result.first()).verifyComplete();
        }

        @Test
        void fetchOneAndFetchManyWhenExhausted() {
            AsyncResult result = open(rows(3));
            StepVerifier.create(result.fetchMany(2)).assertNext(l -> assertThat(l).hasSize(2)).verifyComplete();
            StepVerifier.create(result.fetchOne()).expectNextCount(1).verifyComplete();
            StepVerifier.create(result.fetchOne()).verifyComplete();
            StepVerifier.create(result.fetchMany(2)).expectNext(List.of()).verifyComplete();
        }

        @Test
        void oneAndOneOrNone() {
            StepVerifier.create(open(rows(0)).one()).verifyErrorSatisfies(e -> assertThat(e)
                    .isInstanceOf(NoResultFound.class).hasMessage("No row was found when one was required"));
            StepVerifier.create(open(rows(2)).one()).verifyErrorSatisfies(e -> assertThat(e)
                    .isInstanceOf(MultipleResultsFound.class).hasMessage("Multiple rows were found when exactly one was required"));
            StepVerifier.create(open(rows(0)).oneOrNone()).verifyComplete();
            StepVerifier.create(open(rows(2)).oneOrNone()).verifyErrorSatisfies(e -> assertThat(e)
                    .isInstanceOf(MultipleResultsFound.class).hasMessage("Multiple rows were found when one or none was required"));
        }

        @Test
        void partitionsOfThreeOverSixRows() {
            StepVerifier.create(open(rows(6)).partitions(3).map(List::size)).expectNext(3, 3).verifyComplete();
            StepVerifier.create(open(rows(7)).partitions(3).map(List::size)).expectNext(3, 3, 1).verifyComplete();
        }

        @Test
        void partitionsWithoutSizeUseYieldPer() {
            StepVerifier.create(open(rows(6)).yieldPer(2).partitions().map(List::size)).expectNext(2, 2, 2).verifyComplete();
        }

        @Test
        void columnsAndKeys() {
            AsyncResult result = open(rows(1));
            assertThat(result.keys()).containsExactly("id", "data", "create_date");
            StepVerifier.create(result.columns("data", "id").first().map(Row::values))
                    .expectNext(List.of("data 1", 1)).verifyComplete();
            StepVerifier.create(open(rows(1)).columns(1).first().map(Row::values)).expectNext(List.of("data 1")).verifyComplete();
        }

        @Test
        void freezeReplaysAsBufferedResults() {
            FrozenResult frozen = open(rows(3)).freeze().block();
            assertThat(frozen.replay().all()).hasSize(3);
            assertThat(frozen.replay().<Integer>scalars().all()).containsExactly(1, 2, 3);
        }
    }

    @Nested
    class NullVersusNoRow {

        @Test
        void scalarIsEmptyMonoForNoRowAndEmptyOptionalForNull() {
            StepVerifier.create(open(rows(0)).scalar()).verifyComplete();
            StepVerifier.create(open(List.of(row((Object) null))).scalar()).expectNext(Optional.empty()).verifyComplete();
            StepVerifier.create(open(List.of(row(5))).scalar()).expectNext(Optional.of(5)).verifyComplete();
        }

        @Test
        void scalarOneOrNoneDistinguishesNoRowFromNull() {
            StepVerifier.create(open(rows(0)).scalarOneOrNone()).verifyComplete();
            StepVerifier.create(open(List.of(row((Object) null))).scalarOneOrNone()).expectNext(Optional.empty()).verifyComplete();
            StepVerifier.create(open(rows(0)).scalarOne()).verifyError(NoResultFound.class);
        }

        @Test
        void scalarRowsRejectNullWithAClearErrorAndOptionalRowsCarryIt() {
            List<Row> rows = List.of(row(1), row((Object) null));
            StepVerifier.create(open(rows).<Integer>scalars().rows()).expectNext(1)
                    .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(InvalidRequestError.class).hasMessageContaining("optionalRows()"));
            StepVerifier.create(open(rows).<Integer>scalars().optionalRows()).expectNext(Optional.of(1), Optional.empty())
                    .verifyComplete();
            StepVerifier.create(open(rows).<Integer>scalars().all()).expectNext(java.util.Arrays.asList(1, null)).verifyComplete();
        }
    }

    @Nested
    class Unique {

        @Test
        void uniqueBeforeScalarsAndMappingsIsKept() {
            StepVerifier.create(open(doubled()).unique().<Integer>scalars().all()).expectNext(List.of(1, 2, 3)).verifyComplete();
            StepVerifier.create(open(doubled()).unique().mappings().all().map(List::size)).expectNext(3).verifyComplete();
        }

        @Test
        void uniqueAfterScalarsAndOnRows() {
            StepVerifier.create(open(doubled()).<Integer>scalars().unique().all()).expectNext(List.of(1, 2, 3)).verifyComplete();
            StepVerifier.create(open(doubled()).unique().rows().count()).expectNext(3L).verifyComplete();
        }

        @Test
        void fetchManyCountsRowsAfterUniquing() {
            StepVerifier.create(open(doubled()).unique().fetchMany(3).map(List::size)).expectNext(3).verifyComplete();
            StepVerifier.create(open(doubled()).unique().partitions(2).map(List::size)).expectNext(2, 1).verifyComplete();
        }
    }

    @Nested
    class DemandAndClosing {

        @Test
        void rowsAreReadFromTheSourceOnlyAsRequested() {
            Source source = new Source(rows(1000));
            AsyncResult result = AsyncResult.open(source.flux, 10).block();
            assertThat(source.emitted.get()).isEqualTo(1);
            StepVerifier.create(result.rows(), 0)
                    .thenRequest(5).expectNextCount(5)
                    .then(() -> assertThat(source.emitted.get()).isLessThanOrEqualTo(1 + 2 * 10))
                    .thenRequest(20).expectNextCount(20)
                    .then(() -> assertThat(source.emitted.get()).isLessThanOrEqualTo(25 + 2 * 10))
                    .thenCancel()
                    .verify();
            assertThat(source.cancelled).isTrue();
            assertThat(result.isClosed()).isTrue();
        }

        @Test
        void closeCancelsTheSource() {
            Source source = new Source(rows(100));
            AsyncResult result = AsyncResult.open(source.flux, 10).block();
            StepVerifier.create(result.close()).verifyComplete();
            assertThat(source.cancelled).isTrue();
            StepVerifier.create(result.fetchOne()).verifyError(ResourceClosedError.class);
        }

        @Test
        void anErrorFromTheSourceIsSignalledAfterTheRowsBeforeIt() {
            Flux<Row> failing = Flux.fromIterable(rows(3)).concatWith(Flux.error(new IllegalStateException("boom")));
            AsyncResult result = AsyncResult.open(failing, 2).block();
            StepVerifier.create(result.rows()).expectNextCount(3).verifyErrorMessage("boom");
        }

        @Test
        void statementErrorsSurfaceFromOpen() {
            StepVerifier.create(AsyncResult.open(Flux.error(new IllegalStateException("bad sql")), 10)).verifyErrorMessage("bad sql");
        }

        @Test
        void concurrentFetchesAreRefused() {
            AsyncResult result = AsyncResult.open(Flux.<Row>never().startWith(row(1)), 10).block();
            StepVerifier.create(result.fetchMany(5).zipWith(result.fetchMany(5)))
                    .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(InvalidRequestError.class).hasMessageContaining("concatMap"));
        }
    }
}
