package io.asyncorm.result;

import java.util.List;

/**
 * Rows read out of a streamed result by {@link AsyncResult#freeze()}, replayable any number of times
 * as a fresh buffered {@link Result} (for caching results). Immutable.
 */
public final class FrozenResult {

    private final RowKeys keys;

    private final List<Row> rows;

    FrozenResult(RowKeys keys, List<Row> rows) {
        this.keys = keys;
        this.rows = List.copyOf(rows);
    }

    /**
     * A new buffered result over the frozen rows.
     *
     * @return a result positioned at the first row
     */
    public Result replay() {
        return new Result(this.keys, this.rows, -1);
    }
}
