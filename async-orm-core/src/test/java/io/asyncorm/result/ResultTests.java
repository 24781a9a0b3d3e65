package io.asyncorm.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.MultipleResultsFound;
import io.asyncorm.exception.NoResultFound;
import io.asyncorm.exception.ResourceClosedError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Buffered result semantics: P4 (NULL vs no row), P5 (terminal methods), P6 (unique), ES-13, ES-28. */
class ResultTests {

    static final RowKeys KEYS = RowKeys.of(List.of("id", "data", "create_date"));

    static Row row(@Nullable Object... values) {
        return new Row(RowKeys.of(KEYS.names().subList(0, values.length)), values);
    }

    static List<Row> rows(int count) {
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rows.add(new Row(KEYS, new Object[] {i, "data " + i, "2026-11-22"}));
        }
        return rows;
    }

    /** Rows 1..3 twice, for the unique() tests. */
    static List<Row> doubled() {
        List<Row> rows = new ArrayList<>(rows(3));
        rows.addAll(rows(3));
        return rows;
    }

    static Result result(List<Row> rows) {
        return new Result(rows.isEmpty() ? KEYS : rows.get(0).rowKeys(), rows, -1);
    }

    @Nested
    class TerminalMethods {

        @Test
        void firstHardClosesSoLaterAllFails() {
            Result result = result(rows(3));
            assertThat(result.first()).map(r -> r.get("id")).contains(1);
            assertThatThrownBy(result::all).isInstanceOf(ResourceClosedError.class).hasMessage("This result object is closed.");
        }

        @Test
        void allSoftClosesSoSecondAllIsEmptyAndFirstIsEmpty() {
            Result result = result(rows(3));
            assertThat(result.all()).hasSize(3);
            assertThat(result.all()).isEmpty();
            assertThat(result.first()).isEmpty();
        }

        @Test
        void fetchOneAndFetchManyReturnNothingWhenExhausted() {
            Result result = result(rows(3));
            assertThat(result.fetchMany(2)).hasSize(2);
            assertThat(result.fetchOne()).isPresent();
            assertThat(result.fetchOne()).isEmpty();
            assertThat(result.fetchMany(2)).isEmpty();
        }

        @Test
        void oneFailsOnNoRowAndOnMany() {
            assertThatThrownBy(() -> result(rows(0)).one()).isInstanceOf(NoResultFound.class)
                    .hasMessage("No row was found when one was required");
            assertThatThrownBy(() -> result(rows(2)).one()).isInstanceOf(MultipleResultsFound.class)
                    .hasMessage("Multiple rows were found when exactly one was required");
            assertThat(result(rows(1)).one().get("data")).isEqualTo("data 1");
        }

        @Test
        void oneOrNoneIsEmptyOnNoRowAndFailsOnMany() {
            assertThat(result(rows(0)).oneOrNone()).isEmpty();
            assertThatThrownBy(() -> result(rows(2)).oneOrNone()).isInstanceOf(MultipleResultsFound.class)
                    .hasMessage("Multiple rows were found when one or none was required");
        }

        @Test
        void scalarDoesNotCheckForMoreRowsAndCloses() {
            Result result = result(rows(3));
            assertThat(result.<Integer>scalar()).contains(1);
            assertThatThrownBy(result::all).isInstanceOf(ResourceClosedError.class);
        }

        @Test
        void partitionsAreNeverEmptyAndTheLastMayBeShort() {
            assertThat(result(rows(6)).partitions(3)).extracting(List::size).containsExactly(3, 3);
            assertThat(result(rows(7)).partitions(3)).extracting(List::size).containsExactly(3, 3, 1);
            assertThat(result(rows(0)).partitions(3)).isEmpty();
            assertThatThrownBy(() -> result(rows(1)).partitions(0)).isInstanceOf(InvalidRequestError.class);
        }

        @Test
        void keysListTheColumns() {
            assertThat(result(rows(1)).keys()).containsExactly("id", "data", "create_date");
        }
    }

    @Nested
    class NullVersusNoRow {

        @Test
        void scalarIsEmptyForNoRowAndForNull() {
            assertThat(result(rows(0)).scalar()).isEmpty();
            assertThat(result(List.of(row((Object) null))).scalar()).isEmpty();
        }

        @Test
        void scalarOneReturnsNullForNullAndFailsForNoRow() {
            assertThat(result(List.of(row((Object) null))).<Object>scalarOne()).isNull();
            assertThatThrownBy(() -> result(rows(0)).scalarOne()).isInstanceOf(NoResultFound.class);
        }

        @Test
        void scalarListsKeepNulls() {
            Result result = result(List.of(row(1), row((Object) null), row(3)));
            assertThat(result.<Integer>scalars().all()).containsExactly(1, null, 3);
        }
    }

    @Nested
    class ColumnsScalarsMappings {

        @Test
        void columnsReordersAndASingleColumnStillYieldsRows() {
            Result reordered = result(rows(1)).columns("data", "id");
            assertThat(reordered.keys()).containsExactly("data", "id");
            assertThat(reordered.one().values()).containsExactly("data 1", 1);
            Row single = result(rows(1)).columns(1).first().orElseThrow();
            assertThat(single.values()).containsExactly("data 1");
        }

        @Test
        void scalarsByIndexAndByName() {
            assertThat(result(rows(2)).scalars(1).all()).containsExactly("data 1", "data 2");
            assertThat(result(rows(2)).scalars("data").first()).contains("data 1");
        }

        @Test
        void mappingsAreOrderedMaps() {
            Map<String, @Nullable Object> first = result(rows(1)).mappings().first().orElseThrow();
            assertThat(first).containsExactly(Map.entry("id", 1), Map.entry("data", "data 1"),
                    Map.entry("create_date", "2026-11-22"));
        }

        @Test
        void viewsReadFromTheSameRows() {
            Result result = result(rows(3));
            assertThat(result.fetchOne()).isPresent();
            assertThat(result.<Integer>scalars().all()).containsExactly(2, 3);
            assertThat(result.all()).isEmpty();
        }

        @Test
        void rowReadsConvertNumbersWithoutLoss() {
            Row row = row(7, "x");
            assertThat(row.get(0, Long.class)).isEqualTo(7L);
            assertThat(row.get("ID", Integer.class)).isEqualTo(7);
            assertThatThrownBy(() -> row.get("nope")).isInstanceOf(InvalidRequestError.class).hasMessageContaining("[id, data]");
            assertThatThrownBy(() -> row.get(1, Integer.class)).isInstanceOf(InvalidRequestError.class);
        }
    }

    @Nested
    class Unique {

        @Test
        void uniqueBeforeScalarsIsKept() {
            assertThat(result(doubled()).unique().<Integer>scalars().all()).containsExactly(1, 2, 3);
        }

        @Test
        void uniqueAfterScalarsWorks() {
            assertThat(result(doubled()).<Integer>scalars().unique().all()).containsExactly(1, 2, 3);
        }

        @Test
        void uniqueBeforeMappingsIsKept() {
            assertThat(result(doubled()).unique().mappings().all()).hasSize(3);
        }

        @Test
        void uniqueIsAppliedLastWhateverTheCallOrder() {
            // unique() then columns(): rows are compared after projection, so (id) duplicates collapse
            List<Row> rows = List.of(row(1, "a"), row(1, "b"), row(2, "c"));
            assertThat(result(rows).unique().columns("id").all()).extracting(r -> r.get(0)).containsExactly(1, 2);
        }

        @Test
        void fetchManyAndPartitionsCountRowsAfterUniquing() {
            assertThat(result(doubled()).unique().fetchMany(3)).hasSize(3);
            assertThat(result(doubled()).unique().partitions(2)).extracting(List::size).containsExactly(2, 1);
        }

        @Test
        void secondRowCheckOfOneSkipsDuplicatesOfTheFirst() {
            List<Row> same = Arrays.asList(row(1), row(1));
            assertThat(result(same).unique().one().get(0)).isEqualTo(1);
        }

        @Test
        void uniqueByKey() {
            List<Row> rows = List.of(row(1, "a"), row(1, "b"), row(2, "c"));
            assertThat(result(rows).unique(r -> r.get("id")).all()).extracting(r -> r.get("data")).containsExactly("a", "c");
        }

        @Test
        void nullScalarsAreUniquedToo() {
            List<Row> rows = List.of(row((Object) null), row((Object) null), row(1));
            assertThat(result(rows).<Integer>scalars().unique().all()).containsExactly(null, 1);
            assertThat(result(rows).<Integer>scalars().unique().first()).isEqualTo(Optional.empty());
        }
    }
}
