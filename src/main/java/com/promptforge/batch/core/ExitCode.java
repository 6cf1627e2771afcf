package com.promptforge.batch.core;

/** The process exit codes the command line promises. */
public enum ExitCode {
    COMPLETED(0),
    FAILED(1),
    BAD_INPUT(2),
    DATABASE_UNAVAILABLE(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
