package io.toolcatalog.api.watch;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * A long poll on the watch port: its wait is timed on the port's one timer wheel, its answer is
 * written whole, and the connection serves the next request afterwards when the client keeps it.
 */
final class NettyPoll implements LongPoll.PollReply {

    private final Channel channel;
    private final boolean keepAlive;
    private final WatchPort port;
    private final Runnable done;
    private volatile WatchSessions.OpenPoll open;
    private volatile Timeout timeout;

    /** {@code done} runs on the channel's event loop once the answer is written. */
    NettyPoll(Channel channel, boolean keepAlive, WatchPort port, Runnable done) {
        this.channel = channel;
        this.keepAlive = keepAlive;
        this.port = port;
        this.done = done;
    }

    void open(WatchRequest watch, String owner) {
        open = port.services().sessions().poll(watch, owner, channel.eventLoop(), this);
        WatchSessions.OpenPoll opened = open;
        timeout = port.wheel()
                .newTimeout(t -> opened.poll().end(), watch.pollWait().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean send(int status, byte[] json) {
        cancelTimeout();
        WatchPortResponses responses = port.services().responses();
        responses.send(
                channel,
                responses.response(HttpResponseStatus.valueOf(status), json, "application/json"),
                keepAlive,
                () -> {
                    ended();
                    done.run();
                });
        return true;
    }

    /** The client left before the answer. */
    void closed() {
        cancelTimeout();
        ended();
    }

    private void ended() {
        WatchSessions.OpenPoll opened = open;
        if (opened != null) {
            opened.ended().run();
        }
    }

    private void cancelTimeout() {
        Timeout t = timeout;
        if (t != null) {
            t.cancel();
        }
    }
}
