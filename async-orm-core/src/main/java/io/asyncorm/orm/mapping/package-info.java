/**
 * The mapping vocabulary shared by the ORM's public API and its implementation: how a class maps to its
 * table ({@link io.asyncorm.orm.mapping.Mapper}), an object's identity
 * ({@link io.asyncorm.orm.mapping.IdentityKey}), loader strategies and the annotations beside Jakarta
 * Persistence's ({@link io.asyncorm.orm.mapping.Loading}, {@link io.asyncorm.orm.mapping.ServerDefault}).
 * It depends on {@code sql} only, so {@code orm} and {@code orm.internal} both build on it without a cycle.
 */
@NullMarked
package io.asyncorm.orm.mapping;

import org.jspecify.annotations.NullMarked;
