package io.toolcatalog.client;

/** The client's threads are named, so a thread dump says whose they are, and daemon, so they never keep a JVM alive. */
final class ClientThreads {

    private ClientThreads() {}

    static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
