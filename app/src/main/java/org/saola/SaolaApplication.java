package org.saola;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Saola: the whole platform in one process. Modules are found by scanning {@code org.saola}. */
@SpringBootApplication
public class SaolaApplication {

    public static void main(String[] args) {
        SpringApplication.run(SaolaApplication.class, args);
    }
}
