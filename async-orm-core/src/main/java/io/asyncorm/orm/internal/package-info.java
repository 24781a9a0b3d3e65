/**
 * The ORM's machinery, shared by the types of {@code io.asyncorm.orm} and hidden from users: the
 * mapping model read from annotations, per-instance state, the identity map, row loading, eager
 * loaders, instrumented collections and the unit of work. Nothing outside {@code io.asyncorm.orm}
 * may depend on it (an architecture test checks this); its types may change in any release.
 */
@NullMarked
package io.asyncorm.orm.internal;

import org.jspecify.annotations.NullMarked;
