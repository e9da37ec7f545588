/** Runnable Weft examples: the demo, brokers and the command-line tool, in one jar. */
module dev.weft.examples {
    requires dev.weft.patterns;
    requires info.picocli;

    opens dev.weft.examples to
            info.picocli;
}
