@echo off
rem session-recorder installer: install, doctor, uninstall (run "installer --help").
rem Run it from the unpacked distribution as Administrator, e.g.
rem   bin\installer.bat install --bucket my-recordings --region eu-west-1
setlocal
set "ROOT=%~dp0.."
set "JAVA=%ROOT%\jre\bin\java.exe"
if not exist "%JAVA%" set "JAVA=java.exe"
rem Runs as you, not as SYSTEM: JNA, the JVM and JavaCPP keep their files under your own profile and %TEMP%,
rem never in the folder this runs from (an unzipped download or a share others may write to).
"%JAVA%" -Xmx256m -cp "%ROOT%\lib\*" dev.sessionrecorder.installer.InstallerCli %*
exit /b %ERRORLEVEL%
