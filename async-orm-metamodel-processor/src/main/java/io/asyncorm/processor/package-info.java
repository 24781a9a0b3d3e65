/**
 * The annotation processor that writes async-orm's typed metamodel: for each {@code @Entity} class
 * {@code A}, a class {@code A_} with one attribute constant per mapped field.
 */
package io.asyncorm.processor;
