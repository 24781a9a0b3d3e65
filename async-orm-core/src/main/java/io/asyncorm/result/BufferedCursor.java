package io.asyncorm.result;

import io.asyncorm.exception.ResourceClosedError;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The read position over a buffered result's rows, shared by the result and the scalar and mapping
 * views made from it. Exhausting it is a soft close (later reads return nothing); {@code first()} and
 * {@code scalar()} hard-close it (later reads fail), as SQLAlchemy does.
 */
final class BufferedCursor {

    private final List<Row> rows;

    private int position;

    private boolean hardClosed;

    BufferedCursor(List<Row> rows) {
        this.rows = rows;
    }

    @Nullable Row next() {
        if (this.hardClosed) {
            throw new ResourceClosedError("This result object is closed.");
        }
        return this.position < this.rows.size() ? this.rows.get(this.position++) : null;
    }

    /** The number of rows not read yet (none once hard-closed). */
    int remaining() {
        return this.hardClosed ? 0 : this.rows.size() - this.position;
    }

    void hardClose() {
        this.hardClosed = true;
    }

    boolean isClosed() {
        return this.hardClosed || this.position >= this.rows.size();
    }
}
