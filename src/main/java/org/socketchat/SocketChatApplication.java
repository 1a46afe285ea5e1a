package org.socketchat;

import org.socketchat.system.HaltOnOutOfMemory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SocketChatApplication {

	public static void main(String[] args) {
		HaltOnOutOfMemory.install();
		SpringApplication.run(SocketChatApplication.class, args);
	}

}
