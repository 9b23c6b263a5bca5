package org.saola.platform.residents;

import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Codes by e-mail, over SMTP ({@code spring.mail.host}, {@code spring.mail.port}, …). */
public class MailCodeSender implements OneTimeCodeSender {

    private final JavaMailSender mail;
    private final String from;

    public MailCodeSender(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public Contact.Kind channel() {
        return Contact.Kind.EMAIL;
    }

    @Override
    public void send(Contact to, String text) {
        send(to, "Mã đăng nhập Saola / Your Saola sign-in code", text);
    }

    @Override
    public void send(Contact to, String subject, String text) {
        SimpleMailMessage m = new SimpleMailMessage();
        m.setFrom(from);
        m.setTo(to.value());
        m.setSubject(subject);
        m.setText(text);
        try {
            mail.send(m);
        } catch (MailException e) {
            throw new CodeNotSentException("the mail server could not take the message");
        }
    }
}
