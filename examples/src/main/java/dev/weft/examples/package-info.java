/** Runnable Weft examples and the demo, started through {@link dev.weft.examples.Main}. */
package dev.weft.examples;
