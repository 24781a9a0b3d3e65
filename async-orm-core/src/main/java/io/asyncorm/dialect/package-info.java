/**
 * What differs between databases: bind markers, identifier quoting and normalisation, capabilities
 * (server-side cursors, RETURNING, savepoints) and how the driver names a violated constraint.
 * {@link io.asyncorm.dialect.Dialect#detect(io.r2dbc.spi.ConnectionFactoryMetadata)} picks one from the R2DBC driver.
 */
@NullMarked
package io.asyncorm.dialect;

import org.jspecify.annotations.NullMarked;
