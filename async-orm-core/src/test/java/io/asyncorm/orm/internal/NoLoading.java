package io.asyncorm.orm.internal;

import org.jspecify.annotations.Nullable;

/** A session loader for tests without a database: no attribute can be loaded on access. */
final class NoLoading implements SyncLoader {

    static final SyncLoader INSTANCE = new NoLoading();

    private NoLoading() {
    }

    @Override
    public boolean canLoadNow() {
        return false;
    }

    @Override
    public @Nullable Object loadNow(Object entity, String attribute) {
        throw new AssertionError("no implicit loads here");
    }
}
