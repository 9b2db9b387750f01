package io.toolcatalog.api.watch;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timer;
import io.toolcatalog.api.security.BearerTokens;
import io.toolcatalog.core.concurrent.Threads;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * {@code GET /api/v1/watch} on a port of its own ({@code catalog.watch.port}), served by plain
 * Netty: an idle stream costs its socket, a channel and its stream's few objects — no request
 * buffers, no thread, no timer of its own (heartbeats come from the node's one watch timer, long
 * poll waits from this port's one timer wheel). Everything else is the servlet side's: the token
 * check, admission, consumers, metrics, rendering and resume. Starts before the streams' lifecycle
 * and stops after it, so streams are ended cleanly before the port closes.
 */
final class WatchPort implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WatchPort.class);
    private static final int IO_THREADS = 2;
    private static final int BACKLOG = 4096;
    private static final int MAX_HEADERS = 8192;

    /**
     * What the port serves with, all of it the servlet side's: admission and the streams, the token
     * check, the settings, the tool name pattern, and whole responses (long polls' answers, errors).
     */
    record Services(
            WatchSessions sessions,
            BearerTokens tokens,
            WatchProperties settings,
            Pattern namePattern,
            WatchPortResponses responses) {}

    private final Services services;
    private EventLoopGroup group;
    private HashedWheelTimer wheel;
    private Channel server;

    WatchPort(Services services) {
        this.services = services;
    }

    Services services() {
        return services;
    }

    Timer wheel() {
        return wheel;
    }

    /** The port it listens on (the bound one when configured as 0); -1 when not running. */
    synchronized int port() {
        return server == null ? -1 : ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public synchronized void start() {
        int slice = (int) Math.max(
                1024, Math.min(32 * 1024, services.settings().maxBufferedBytes().toBytes() / 4));
        wheel = new HashedWheelTimer(Threads.named("catalog-watch-wheel", true), 100, TimeUnit.MILLISECONDS);
        group = new NioEventLoopGroup(IO_THREADS, Threads.named("catalog-watch-io", true));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(slice / 2, slice))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpServerCodec(4096, MAX_HEADERS, MAX_HEADERS))
                                .addLast(new WatchHttpHandler(WatchPort.this));
                    }
                });
        server =
                bootstrap.bind(services.settings().port()).syncUninterruptibly().channel();
        log.info("Watch port listening on {}", port());
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.close().syncUninterruptibly();
            server = null;
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            group = null;
        }
        if (wheel != null) {
            wheel.stop();
            wheel = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Below the streams' phase: started before them, stopped after they ended every stream. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }
}
