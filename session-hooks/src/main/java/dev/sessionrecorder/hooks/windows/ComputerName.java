package dev.sessionrecorder.hooks.windows;

/**
 * This machine's host name. COMPUTERNAME is not stored in HKLM Session Manager\Environment (Windows
 * sets it per process), so reading it from there always came back empty; ask GetComputerNameEx.
 */
@FunctionalInterface
public interface ComputerName {
    /** GetComputerNameEx(ComputerNameDnsHostname), e.g. "EC2AMAZ-ABC1234"; throws Win32Launch.Win32Exception on failure. */
    String dnsHostName();
}
