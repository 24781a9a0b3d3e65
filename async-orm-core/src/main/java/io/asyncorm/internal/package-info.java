/**
 * Implementation shared by the engine and the ORM, not API: public only because Java packages need it
 * for use across them. Nothing here appears in a public signature of another package, and only
 * {@code engine}, {@code orm} and {@code orm.internal} may use it (both checked by the architecture tests).
 */
@NullMarked
package io.asyncorm.internal;

import org.jspecify.annotations.NullMarked;
