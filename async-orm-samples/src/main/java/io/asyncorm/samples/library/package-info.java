/** The library's domain (authors, books, tags, loans), its service, web layer and startup schema. */
@NullMarked
package io.asyncorm.samples.library;

import org.jspecify.annotations.NullMarked;
