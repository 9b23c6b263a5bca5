import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Executors;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * Tomcat's floor under issue #17's item 3 (docs/PERFORMANCE.md, session 45): the Tomcat that Saola embeds, its NIO
 * connector on virtual threads as Saola runs it, and one servlet that reads a request's body and its Authorization
 * header and answers 204. Nothing else: no filter, no JSON, no database. What the JVM spends per request here is
 * what no handler of a PATCH on this server can spend less than. Run by {@code tomcat-floor.sh}: the port, then a
 * directory for Tomcat's files (which the script deletes).
 */
public class TomcatFloor {
    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(args[1]);
        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setPort(Integer.parseInt(args[0]));
        connector.getProtocolHandler().setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "floor", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                request.getInputStream().readAllBytes();
                request.getHeader("Authorization");
                response.setStatus(204);
            }
        });
        context.addServletMappingDecoded("/*", "floor");
        tomcat.start();
        tomcat.getServer().await();
    }
}
