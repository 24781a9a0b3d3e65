package io.asyncorm.engine;

import org.jspecify.annotations.Nullable;

/**
 * What a transaction listener sees ({@link EngineEvents#begin}, {@link EngineEvents#commit}, ...).
 *
 * @param connection the connection whose transaction it is; a listener may run statements on it (inside the
 *     transaction for {@code begin} and {@code savepoint}; a listener of an ending must not, the command follows)
 * @param savepoint the savepoint's name for the savepoint events, null for the root transaction's
 */
public record TransactionEvent(AsyncConnection connection, @Nullable String savepoint) {
}
