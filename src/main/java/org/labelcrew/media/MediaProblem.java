package org.labelcrew.media;

/** Why a file cannot be taken as an image or audio file, in words a manager can act on ("is a truncated PNG …"). */
public class MediaProblem extends Exception {

    public MediaProblem(String message) {
        super(message);
    }

    public MediaProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
