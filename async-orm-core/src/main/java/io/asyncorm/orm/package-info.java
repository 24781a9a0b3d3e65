/**
 * The ORM: entities mapped with Jakarta Persistence annotations ({@link io.asyncorm.orm.Registry}),
 * the {@link io.asyncorm.orm.AsyncSession} with its identity map and unit of work, the
 * {@link io.asyncorm.orm.AsyncSessionMaker}, entity statements ({@link io.asyncorm.orm.Orm#select(Class)})
 * and loader options. Relationships load only when asked: reading an unloaded one throws
 * {@link io.asyncorm.exception.ImplicitIoException} instead of doing hidden I/O.
 */
@NullMarked
package io.asyncorm.orm;

import org.jspecify.annotations.NullMarked;
