/** Runnable Weft examples: the demo and, later, brokers and a command-line tool. */
module dev.weft.examples {
    requires dev.weft.patterns;
}
