@echo off
rem The recorder command line (status, stop, drain, validate, record; run "recorder --help").
rem Pass --config "%~dp0..\config\recorder.json" to use the installed configuration.
setlocal
set "ROOT=%~dp0.."
set "JAVA=%ROOT%\jre\bin\java.exe"
if not exist "%JAVA%" set "JAVA=java.exe"
rem Runs as you, not as SYSTEM: JNA, the JVM and JavaCPP keep their files under your own profile and %TEMP%,
rem never in the folder this runs from (an unzipped download or a share others may write to).
"%JAVA%" -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "%ROOT%\lib\*" dev.sessionrecorder.core.cli.RecorderCli %*
exit /b %ERRORLEVEL%
