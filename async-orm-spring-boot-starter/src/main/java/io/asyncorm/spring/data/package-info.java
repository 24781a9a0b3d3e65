/**
 * Spring Data's paging and sorting on entity queries: {@link io.asyncorm.spring.data.Paging} applies a
 * {@code Pageable} or {@code Sort} to an {@code EntitySelect} and answers a {@code Page} or a {@code Slice}.
 */
@NullMarked
package io.asyncorm.spring.data;

import org.jspecify.annotations.NullMarked;
