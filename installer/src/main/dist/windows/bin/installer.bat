@echo off
rem session-recorder installer: install, doctor, uninstall (run "installer --help").
rem Run it from the unpacked distribution as Administrator, e.g.
rem   bin\installer.bat install --bucket my-recordings --region eu-west-1
setlocal
set "ROOT=%~dp0.."
set "JAVA=%ROOT%\jre\bin\java.exe"
if not exist "%JAVA%" set "JAVA=java.exe"
"%JAVA%" -Xmx256m "-Dorg.bytedeco.javacpp.cachedir=%ROOT%\cache" -cp "%ROOT%\lib\*" dev.sessionrecorder.installer.InstallerCli %*
exit /b %ERRORLEVEL%
