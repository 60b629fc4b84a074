@echo off
rem session-recorder installer: install, doctor, uninstall (run "installer --help").
rem Run it from the unpacked distribution as Administrator, e.g.
rem   bin\installer.bat install --bucket my-recordings --region eu-west-1
setlocal
set "ROOT=%~dp0.."
set "JAVA=%ROOT%\jre\bin\java.exe"
if exist "%JAVA%" goto run
rem No runtime beside bin\: a fresh AppStream builder has no Java at all, and cmd would only say
rem "'java.exe' is not recognized" (9009). Say what to do instead.
set "JAVA=java.exe"
where java.exe >nul 2>nul && goto run
echo installer: no Java runtime at "%ROOT%\jre\bin\java.exe" and none on the PATH. Fix: unpack a Java 17+ x64 runtime zip (check its SHA-256 with certutil -hashfile FILE SHA256) into "%ROOT%" and rename its top folder to jre, so that jre\bin\java.exe exists 1>&2
exit /b 2
:run
rem Runs as you, not as SYSTEM: JNA, the JVM and JavaCPP keep their files under your own profile and %TEMP%,
rem never in the folder this runs from (an unzipped download or a share others may write to).
"%JAVA%" -Xmx256m -cp "%ROOT%\lib\*" dev.sessionrecorder.installer.InstallerCli %*
exit /b %ERRORLEVEL%
