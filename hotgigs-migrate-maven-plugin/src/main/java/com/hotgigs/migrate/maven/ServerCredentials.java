package com.hotgigs.migrate.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The username and password of the settings.xml {@code <server>} named by {@code hotgigs.serverId},
 * the password decrypted the Maven way (settings-security.xml). Either may be null.
 */
record ServerCredentials(String user, String password) {

    static final ServerCredentials NONE = new ServerCredentials(null, null);

    static ServerCredentials lookup(String serverId, Settings settings, SettingsDecrypter decrypter)
            throws MojoExecutionException {
        if (serverId == null || serverId.isBlank()) {
            return NONE;
        }
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            throw new MojoExecutionException(unknownServer(serverId, settings));
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        List<SettingsProblem> errors = result.getProblems().stream()
                .filter(problem -> problem.getSeverity() != SettingsProblem.Severity.WARNING)
                .toList();
        if (!errors.isEmpty()) {
            throw new MojoExecutionException("Could not decrypt the password of server '" + serverId + "' in settings.xml: "
                    + errors.stream().map(SettingsProblem::getMessage).collect(Collectors.joining("; "))
                    + ". Check that settings-security.xml (~/.m2/settings-security.xml, or the file -Dsettings.security names) "
                    + "holds the master password the server's password was encrypted with "
                    + "(mvn --encrypt-master-password, then mvn --encrypt-password).");
        }
        Server decrypted = result.getServer();
        return new ServerCredentials(decrypted.getUsername(), decrypted.getPassword());
    }

    private static String unknownServer(String serverId, Settings settings) {
        List<String> known = settings == null ? List.of()
                : settings.getServers().stream().map(Server::getId).toList();
        return "hotgigs.serverId is '" + serverId + "', but settings.xml has no <server> with that id ("
                + (known.isEmpty() ? "it defines no servers" : "it defines: " + String.join(", ", known)) + "). "
                + "Add one to the settings.xml the build reads (~/.m2/settings.xml, or the file given with -s): <servers><server><id>" + serverId + "</id><username>...</username>"
                + "<password>...</password></server></servers> (encrypt the password with mvn --encrypt-password), "
                + "or correct hotgigs.serverId.";
    }

    @Override
    public String toString() {
        return "ServerCredentials[user=" + user + ", password=" + (password == null ? "(none)" : "****") + "]";
    }
}
