package dev.notify.spring.rooms;

import dev.notify.core.routing.Middleware;
import dev.notify.http.HttpResponse;
import dev.notify.spring.NotifyRouterCustomizer;
import java.util.concurrent.CompletableFuture;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Routes and middleware declared as beans. */
@Configuration
public class Routes {

    /** An HTTP handler on the notify port. */
    @Bean
    NotifyRouterCustomizer pingRoute() {
        return routes -> routes.get("/ping", request -> HttpResponse.text("pong"));
    }

    /** Refuses handshakes to the room "closed". */
    @Bean
    Middleware closedRoom() {
        return (request, next) -> request.path().equals("/ws/rooms/closed/")
                ? CompletableFuture.completedFuture(HttpResponse.status(403, "closed"))
                : next.handle(request);
    }
}
