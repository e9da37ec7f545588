/**
 * Weft's socket types: one role per ZeroMQ socket type and the typed public socket classes. Only
 * {@code dev.weft.patterns} is API; the role packages stay inside this module.
 */
module dev.weft.patterns {
    requires transitive dev.weft.core;

    exports dev.weft.patterns;
}
